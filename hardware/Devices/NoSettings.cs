namespace KioskAgent.Hardware.Devices;

/// <summary>Settings of a kind that needs none beyond its id (e.g. a simulated device).</summary>
public sealed class NoSettings
{
}
