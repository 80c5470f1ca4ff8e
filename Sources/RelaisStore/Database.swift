import RelaisCore
