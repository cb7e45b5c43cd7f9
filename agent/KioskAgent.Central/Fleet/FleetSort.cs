namespace KioskAgent.Central.Fleet;

/// <summary>Row order of the fleet table.</summary>
public enum FleetSort
{
    /// <summary>By site, then kiosk id.</summary>
    Site,

    /// <summary>Longest silence first.</summary>
    Seen,

    /// <summary>Largest outbox backlog first.</summary>
    Backlog,

    /// <summary>Problems first: offline, silent, faults, then the rest.</summary>
    Problems,
}
