namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// The binding waits at most 89 ms for each HSU frame (its fixed serial timeout), so the PN532 tests on
/// ptys run one at a time instead of starving each other's simulator and socat threads.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Pn532Collection
{
    public const string Name = "pn532";
}
