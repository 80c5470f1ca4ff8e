// Configuration+Territory: what the territory file decides in the settings read from relais.conf.
//
// The territory gives the time zone (unless `[territory] time_zone` in relais.conf overrides it:
// an installation may run a territory on another zone's clock, at its own risk) and whose public
// holidays the SMS and e-mail windows and the shuttle's business days leave out. The command line
// and relais serve (on every SIGHUP reload) apply it to the configuration they read.

extension Configuration {
    /// This configuration with the territory's time zone (unless overridden) and holiday region.
    public func applying(territory: Territory) -> Configuration {
        var configuration = self
        configuration.timeZone = timeZoneOverride ?? territory.timeZone
        configuration.smsWindow.holidayRegion = territory.holidayRegion
        configuration.emailWindow.holidayRegion = territory.holidayRegion
        configuration.shuttle.rules.holidayRegion = territory.holidayRegion
        return configuration
    }
}
