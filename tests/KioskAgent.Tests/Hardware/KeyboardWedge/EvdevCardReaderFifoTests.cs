using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>
/// The real device path of EvdevCardReader (open O_NONBLOCK, poll, read, EVIOCGRAB) against a
/// named pipe standing in for /dev/input/eventN: there is no input device on a build machine, but
/// a FIFO delivers bytes, blocks, ends and vanishes the same way. The code scanner shares the path.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EvdevCardReaderFifoTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("evdev");
    private readonly string _fifo;

    public EvdevCardReaderFifoTests() => _fifo = Path.Combine(_directory, "event-kbd");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WatchAsync_EventsWrittenToTheNode_PresentsTheCard()
    {
        await using var device = await PlugInAsync();
        await using var reader = NewReader(grab: false);
        await using var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        await device.WriteAsync(new RecordedInputEvents().Type("0012345678\n").ToArray());

        Assert.Equal("0000BC614E", (await recorder.WaitForAsync<CardPresented>()).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_CancelledWhileWaitingForKeys_EndsWithinASecond()
    {
        await using var device = await PlugInAsync();
        await using var reader = NewReader(grab: false);
        var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        var clock = Stopwatch.StartNew();
        await recorder.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task WatchAsync_NodeThatCannotBeGrabbed_ReportsUnavailable()
    {
        await using var device = await PlugInAsync();
        await using var reader = NewReader(grab: true);
        await using var recorder = new ReaderEventLog(reader);

        var status = await recorder.WaitForAsync<ReaderStatusChanged>();

        Assert.False(status.Available);
        Assert.Contains("EVIOCGRAB", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_NodeUnpluggedAndPluggedBackIn_RecoversAndReads()
    {
        var device = await PlugInAsync();
        await using var reader = NewReader(grab: false);
        await using var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        await device.DisposeAsync();
        File.Delete(_fifo);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available);
        await using var again = await PlugInAsync();
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available, index: 1);
        await again.WriteAsync(new RecordedInputEvents().Type("0000000009\n").ToArray());

        Assert.Equal("0000000009", (await recorder.WaitForAsync<CardPresented>()).Uid.Hex);
    }

    [Fact]
    public async Task CodeScanner_VoucherQrTypedIntoTheNode_IsScannedAsTyped()
    {
        await using var device = await PlugInAsync();
        await using var scanner = new EvdevCodeScanner("scanner-1", new EvdevCardReaderOptions { DevicePath = _fifo, Grab = false, MaxLength = CodeScannerSettings.DefaultMaxLength });
        await using var log = new ScanEventLog(scanner);
        await log.WaitForAsync<ScannerStatusChanged>(s => s.Available);

        await device.WriteAsync(new RecordedInputEvents().Type(new string('q', 513) + "\n").Type("KV1:K7QX4MRD:3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f\n").ToArray());

        Assert.Equal("KV1:K7QX4MRD:3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f", (await log.WaitForAsync<CodeScanned>()).Text);
        Assert.Equal("too_long", (await log.WaitForAsync<CodeScanFailed>()).Reason);
        Assert.Equal(1, scanner.ReadFailureCount);
    }

    private EvdevCardReader NewReader(bool grab) => new("id-1", new EvdevCardReaderOptions
    {
        DevicePath = _fifo,
        Grab = grab,
        ReopenInterval = TimeSpan.FromMilliseconds(50),
    });

    /// <summary>Creates the FIFO and holds it open read-write, so the reader never sees "no writer" until the test lets go.</summary>
    private async Task<FileStream> PlugInAsync()
    {
        using var mkfifo = Process.Start("mkfifo", [_fifo]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
        return new FileStream(_fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
    }
}
