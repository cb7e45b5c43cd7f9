using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522CardReaderStartupTests
{
    [Fact]
    public async Task WatchAsync_NoChipOnTheBus_ReportsUnavailableOnceAndKeepsRetrying()
    {
        var chip = new SimulatedMfrc522 { Version = 0xFF };
        await using var reader = new Mfrc522CardReader("r1", new Driver(chip), new Mfrc522CardReaderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            RetryDelay = TimeSpan.FromMilliseconds(20),
        });
        await using var recorder = new ReaderEventLog(reader);

        var down = await recorder.WaitForAsync<ReaderStatusChanged>();
        await Task.Delay(200);
        chip.Version = 0x91;
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        Assert.False(down.Available);
        Assert.StartsWith("chip_not_responding", down.Reason, StringComparison.Ordinal);
        Assert.Equal(2, recorder.Events.Count);
    }

    [Fact]
    public void Constructor_NonPositivePollInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Mfrc522CardReader("r1", new Driver(new SimulatedMfrc522()), new Mfrc522CardReaderOptions { PollInterval = TimeSpan.Zero }));
    }
}
