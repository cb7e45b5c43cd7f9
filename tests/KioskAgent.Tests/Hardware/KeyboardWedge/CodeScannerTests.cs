using System.Text;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>Code scanners: a line is the scanned text as typed, up to the scanner's length; anything else is a counted failure.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CodeScannerTests
{
    private const string VoucherPayload = "KV1:ABCD2345:3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f";
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Evdev_TypedVoucherQr_IsDeliveredAsTyped_WithColonsAndDashes()
    {
        await using var scanner = Evdev(new RecordedInputEvents().Type(VoucherPayload + "\n"));
        await using var log = new ScanEventLog(scanner);

        var scanned = await log.WaitForAsync<CodeScanned>();

        Assert.Equal(VoucherPayload, scanned.Text);
        Assert.Equal("scanner-1", scanned.ScannerId);
        Assert.Equal(0, scanner.ReadFailureCount);
    }

    [Fact]
    public async Task Evdev_LineLongerThanMaxLength_IsRefusedAndCounted_AndTheNextScanWorks()
    {
        await using var scanner = Evdev(new RecordedInputEvents().Type(new string('a', 600) + "\n").Type("KM1:demo-member-80001001\n"));
        await using var log = new ScanEventLog(scanner);

        var failed = await log.WaitForAsync<CodeScanFailed>();
        var scanned = await log.WaitForAsync<CodeScanned>();

        Assert.Equal("too_long", failed.Reason);
        Assert.Equal("KM1:demo-member-80001001", scanned.Text);
        Assert.Equal(1, scanner.ReadFailureCount);
        Assert.DoesNotContain("aaaa", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evdev_KeyThatTypesNothing_IsAnInvalidToken()
    {
        await using var scanner = Evdev(new RecordedInputEvents().Type("KV1:").Tap(59).Type("x\n"));
        await using var log = new ScanEventLog(scanner);

        Assert.Equal("invalid_token", (await log.WaitForAsync<CodeScanFailed>()).Reason);
        Assert.Empty(log.OfType<CodeScanned>());
    }

    [Fact]
    public void LineFramer_AtScannerLength_TakesAVoucherQr_RefusesAGarbageLine_ThenTakesTheNext()
    {
        var framer = new LineFramer(SerialFraming.Cr, CodeScannerSettings.DefaultMaxLength, Timeout);

        var results = Feed(framer, VoucherPayload + "\r\n" + new string('#', 2000) + "\r\n" + "KM1:x\r\n");

        Assert.Equal([TokenResult.Token(VoucherPayload), TokenResult.Failure("too_long", $"more than {CodeScannerSettings.DefaultMaxLength} characters before the line end"), TokenResult.Token("KM1:x")], results);
    }

    [Fact]
    public void LineFramer_NonAsciiByte_IsRefused()
    {
        var results = Feed(new LineFramer(SerialFraming.Cr, CodeScannerSettings.DefaultMaxLength, Timeout), "KV1:\u00e9\r");

        Assert.Equal("invalid_token", Assert.Single(results).Reason);
    }

    [Theory]
    [InlineData("", "Cr", 512, "DevicePath is required for a Serial scanner.")]
    [InlineData("/dev/ttyACM0", "StxEtx", 512, "Framing 'StxEtx' must be Cr, Lf or CrLf.")]
    [InlineData("/dev/ttyACM0", "Cr", 0, "MaxLength must be 1-4096.")]
    public void SerialKind_BadSettings_AreNamed(string path, string framing, int maxLength, string problem)
    {
        var problems = ((IDeviceKind)new SerialCodeScannerKind()).Problems(new CodeScannerSettings { DevicePath = path, Framing = framing, MaxLength = maxLength });

        Assert.Equal([problem], problems);
    }

    [Fact]
    public void Kinds_AreQrDevices_NotCardReaders()
    {
        Assert.Equal(typeof(ICodeScanner), new SerialCodeScannerKind().DeviceType);
        Assert.Equal(DeviceCapabilities.Qr, new EvdevCodeScannerKind().Capabilities);
    }

    [Fact]
    public async Task Simulated_ChecksLinesLikeARealScanner()
    {
        await using var scanner = new SimulatedCodeScanner("sim-1", maxLength: 64);
        await using var log = new ScanEventLog(scanner);
        await log.WaitForAsync<ScannerStatusChanged>(s => s.Available);

        Assert.Equal("too_long", scanner.Scan(new string('x', 65)));
        Assert.Equal("invalid_token", scanner.Scan("KV1:a\rb"));
        Assert.Null(scanner.Scan(VoucherPayload));

        Assert.Equal(VoucherPayload, (await log.WaitForAsync<CodeScanned>()).Text);
        Assert.Equal(["too_long", "invalid_token"], log.OfType<CodeScanFailed>().Select(f => f.Reason));
        Assert.Equal(2, scanner.ReadFailureCount);
    }

    private static EvdevCodeScanner Evdev(RecordedInputEvents recording)
    {
        var used = 0;
        return new EvdevCodeScanner(
            "scanner-1",
            new EvdevCardReaderOptions { DevicePath = "/dev/input/by-id/usb-test-scanner-event-kbd", MaxLength = CodeScannerSettings.DefaultMaxLength, ReopenInterval = TimeSpan.FromMilliseconds(20) },
            openDevice: path => Interlocked.Exchange(ref used, 1) == 0 ? new MemoryStream(recording.ToArray()) : throw new FileNotFoundException("unplugged", path));
    }

    private static List<TokenResult> Feed(LineFramer framer, string input)
    {
        var results = new List<TokenResult>();
        var now = TimeSpan.FromSeconds(1);
        foreach (var b in Encoding.Latin1.GetBytes(input))
        {
            now += TimeSpan.FromMilliseconds(1);
            if (framer.Feed(b, now) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }
}
