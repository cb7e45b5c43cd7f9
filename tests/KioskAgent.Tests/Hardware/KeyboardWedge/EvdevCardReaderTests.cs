using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>EvdevCardReader fed with recorded input-event byte streams instead of a device.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class EvdevCardReaderTests
{
    private const string DevicePath = "/dev/input/by-id/usb-test-event-kbd";

    [Fact]
    public async Task WatchAsync_TenDigitsAndEnter_PresentsEm4100UidThenRemoves()
    {
        var events = await ReadAsync(new RecordedInputEvents().Type("0012345678\n"), expected: 3);

        Assert.IsType<ReaderStatusChanged>(events[0]);
        var presented = Assert.IsType<CardPresented>(events[1]);
        Assert.Equal("0000BC614E", presented.Uid.Hex);
        Assert.Equal(CardTechnology.Id125Khz, presented.Technology);
        Assert.Null(presented.Transceiver);
        Assert.Equal(presented.At, Assert.IsType<CardRemoved>(events[2]).At);
    }

    [Fact]
    public async Task WatchAsync_KeypadDigitsAndKeypadEnter_PresentsTheCard()
    {
        var recording = new RecordedInputEvents();
        foreach (var digit in "3735928559")
        {
            recording.Tap(RecordedInputEvents.KeypadKey(digit));
        }

        recording.Tap(RecordedInputEvents.KeyKeypadEnter);

        var events = await ReadAsync(recording, expected: 3);

        Assert.Equal("00DEADBEEF", Assert.IsType<CardPresented>(events[1]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_RepeatsAndReleases_AreIgnored()
    {
        var recording = new RecordedInputEvents()
            .Key(RecordedInputEvents.DigitKey('4'), 1)
            .Key(RecordedInputEvents.DigitKey('4'), 2)
            .Key(RecordedInputEvents.DigitKey('4'), 2)
            .Key(RecordedInputEvents.DigitKey('4'), 0)
            .Key(RecordedInputEvents.DigitKey('2'), 1)
            .Key(RecordedInputEvents.DigitKey('2'), 0)
            .Tap(RecordedInputEvents.KeyEnter);

        var events = await ReadAsync(recording, expected: 3);

        Assert.Equal("000000002A", Assert.IsType<CardPresented>(events[1]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_HexTokenWithShiftedLetters_UsesTheHexAsUid()
    {
        var options = Options() with { Format = TokenFormat.Hex };

        var events = await ReadAsync(new RecordedInputEvents().Type("0A1b2C3d4E\n"), expected: 3, options);

        Assert.Equal("0A1B2C3D4E", Assert.IsType<CardPresented>(events[1]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_BarcodeText_UsesAsciiBytesAsUid()
    {
        var options = Options() with { Format = TokenFormat.Text, Technology = CardTechnology.Barcode };
        var recording = new RecordedInputEvents().Type("VIP").Tap(12).Type("7\n");

        var events = await ReadAsync(recording, expected: 3, options);

        var presented = Assert.IsType<CardPresented>(events[1]);
        Assert.Equal(Convert.ToHexString("VIP-7"u8), presented.Uid.Hex);
        Assert.Equal(CardTechnology.Barcode, presented.Technology);
    }

    [Fact]
    public async Task WatchAsync_PauseInsideAToken_DiscardsThePartialTokenAndReadsTheNextOne()
    {
        var recording = new RecordedInputEvents().Type("00123").Pause(TimeSpan.FromMilliseconds(500)).Type("0012345678\n");

        var events = await ReadAsync(recording, expected: 4);

        Assert.Equal("incomplete", Assert.IsType<CardReadFailed>(events[1]).Reason);
        Assert.Equal("0000BC614E", Assert.IsType<CardPresented>(events[2]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_OverlongToken_ReportsTooLongAndCountsIt()
    {
        await using var reader = new EvdevCardReader("id-1", Options(), openDevice: Once(new RecordedInputEvents().Type(new string('1', 25) + "\n")));

        var events = await ReadAsync(reader, expected: 2);

        Assert.Equal("too_long", Assert.IsType<CardReadFailed>(events[1]).Reason);
        Assert.Equal(1, reader.ReadFailureCount);
    }

    [Fact]
    public async Task WatchAsync_LettersInADecimalToken_ReportsInvalidToken()
    {
        var events = await ReadAsync(new RecordedInputEvents().Type("12ab34\n"), expected: 2);

        var failed = Assert.IsType<CardReadFailed>(events[1]);
        Assert.Equal("invalid_token", failed.Reason);
        Assert.DoesNotContain("12ab34", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_KeyThatTypesNothing_ReportsInvalidToken()
    {
        var recording = new RecordedInputEvents().Type("123").Tap(59).Type("4\n");

        var events = await ReadAsync(recording, expected: 2);

        Assert.Contains("59", Assert.IsType<CardReadFailed>(events[1]).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_EnterAlone_ProducesNothing()
    {
        await using var reader = new EvdevCardReader("id-1", Options(), openDevice: Once(new RecordedInputEvents().Type("\n\n0000000001\n\n")));
        await using var recorder = new ReaderEventLog(reader);

        // The stream has been read to its end once the reader reports the device gone.
        await recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available);

        Assert.Equal(["CardPresented", "CardRemoved"], recorder.Events.Where(e => e is not ReaderStatusChanged).Select(e => e.GetType().Name));
    }

    [Fact]
    public async Task WatchAsync_ThirtyTwoBitEventLayout_DecodesSixteenByteEvents()
    {
        var options = Options() with { EventSize = 16 };

        var events = await ReadAsync(new RecordedInputEvents(eventSize: 16).Type("0000000255\n"), expected: 3, options);

        Assert.Equal("00000000FF", Assert.IsType<CardPresented>(events[1]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_StreamDeliveredInOddChunks_ReassemblesEvents()
    {
        var bytes = new RecordedInputEvents().Type("0000000007\n").ToArray();
        await using var reader = new EvdevCardReader("id-1", Options(), openDevice: Once(() => new ChunkedStream(bytes, chunk: 7)));

        var events = await ReadAsync(reader, expected: 3);

        Assert.Equal("0000000007", Assert.IsType<CardPresented>(events[1]).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_DeviceEndsThenComesBack_ReportsUnavailableThenReopens()
    {
        var opened = 0;
        Stream Open(string path)
        {
            Assert.Equal(DevicePath, path);
            return ++opened switch
            {
                1 => new MemoryStream(new RecordedInputEvents().Type("0000000001\n").ToArray()),
                2 => throw new FileNotFoundException("gone", path),
                _ => new MemoryStream(new RecordedInputEvents().Type("0000000002\n").ToArray()),
            };
        }

        await using var reader = new EvdevCardReader("id-1", Options(), openDevice: Open);
        await using var recorder = new ReaderEventLog(reader);

        var second = await recorder.WaitForAsync<CardPresented>(index: 1);

        Assert.Equal("0000000002", second.Uid.Hex);
        var statuses = recorder.OfType<ReaderStatusChanged>().Take(3).ToList();
        Assert.Equal([true, false, true], statuses.Select(s => s.Available));
        Assert.StartsWith("device_closed", statuses[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_DeviceMissingAtStart_ReportsUnavailableOnceWhileRetrying()
    {
        var attempts = 0;
        await using var reader = new EvdevCardReader("id-1", Options(), openDevice: _ =>
        {
            Interlocked.Increment(ref attempts);
            throw new FileNotFoundException("No such file or directory");
        });
        await using var recorder = new ReaderEventLog(reader);

        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) >= 3, "three open attempts");

        var status = Assert.IsType<ReaderStatusChanged>(Assert.Single(recorder.Events));
        Assert.False(status.Available);
        Assert.StartsWith("open_failed", status.Reason, StringComparison.Ordinal);
    }

    private static EvdevCardReaderOptions Options() => new()
    {
        DevicePath = DevicePath,
        ReopenInterval = TimeSpan.FromMilliseconds(20),
    };

    private static Func<string, Stream> Once(RecordedInputEvents recording) => Once(() => new MemoryStream(recording.ToArray()));

    /// <summary>The recording the first time; afterwards the device stays missing.</summary>
    private static Func<string, Stream> Once(Func<Stream> open)
    {
        var used = 0;
        return path => Interlocked.Exchange(ref used, 1) == 0 ? open() : throw new FileNotFoundException("unplugged", path);
    }

    private static async Task<IReadOnlyList<CardEvent>> ReadAsync(RecordedInputEvents recording, int expected, EvdevCardReaderOptions? options = null)
    {
        await using var reader = new EvdevCardReader("id-1", options ?? Options(), openDevice: Once(recording));
        return await ReadAsync(reader, expected);
    }

    private static async Task<IReadOnlyList<CardEvent>> ReadAsync(ICardReader reader, int expected)
    {
        await using var recorder = new ReaderEventLog(reader);
        await Eventually.TrueAsync(() => recorder.Events.Count >= expected, $"{expected} events");
        return recorder.Events;
    }
}
