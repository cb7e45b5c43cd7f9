namespace KioskAgent.Tests.Testing.Devices;

/// <summary>The fake kind's own settings, bound from its entry under Devices:CardReaders.</summary>
public sealed class FakeCardReaderSettings
{
    public string Antenna { get; set; } = "A";
}
