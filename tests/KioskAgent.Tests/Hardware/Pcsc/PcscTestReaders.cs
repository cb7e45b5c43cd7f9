using KioskAgent.Hardware.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>Readers on vpcd's two slots, with short retry delays so recovery tests stay quick.</summary>
internal static class PcscTestReaders
{
    public const string Reader0 = "Virtual PCD 00 00";

    public static PcscCardReaderOptions FastRetries { get; } = new()
    {
        MinReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
        StatusChangeTimeout = TimeSpan.FromSeconds(2),
    };

    public static PcscCardReader Create(string readerName = Reader0, PcscCardReaderOptions? options = null) =>
        new("test-reader", readerName, options: options ?? FastRetries);
}
