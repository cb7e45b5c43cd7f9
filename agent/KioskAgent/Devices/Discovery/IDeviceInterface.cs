namespace KioskAgent.Devices.Discovery;

/// <summary>Enumerates one bus. Called once per discovery pass; must be cheap and must not throw for an empty bus.</summary>
public interface IDeviceInterface
{
    string Bus { get; }

    IReadOnlyList<DiscoveredDevice> Enumerate();
}
