// The shipped territories under the names the tests use (Tests/Territories/ShippedTerritory.swift).

@_exported import RelaisTestTerritories
