using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Capture;
using KioskAgent.Hardware.Camera.MemberQr;
using KioskAgent.Hardware.Camera.Qr;
using KioskAgent.Hardware.Devices;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

/// <summary>QR images made with QRCoder, read through FileFrameSource, decoded by the real libzbar via P/Invoke.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class MemberQrScanIntegrationTests : IDisposable
{
    private const string Token = "q7X2-mP9_Lr4Tz8WvB1cN0";
    private readonly string _directory = TestPaths.NewTempDirectory("qr");
    private readonly FileFrameSource _source = new([]);
    private readonly MemberQrScanner _scanner;

    public MemberQrScanIntegrationTests() => _scanner = new MemberQrScanner(_source, new ZbarQrDecoder());

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void IsAvailable_OnTheTestMachine_FindsLibzbar() =>
        Assert.True(ZbarQrDecoder.IsAvailable(), "libzbar.so.0 missing: the build's Test target installs libzbar0");

    [Fact]
    public async Task ScanAsync_MemberCardQr_GivesTheToken()
    {
        _source.Use(QrImages.Write(_directory, "member.png", QrImages.Png(MemberQrCode.Format(Token))));

        var result = await _scanner.ScanAsync();

        Assert.Equal((true, Token, MemberQrParseResult.Ok), (result.Found, result.Token, result.Reason));
        Assert.Equal(DeviceState.Ok, _source.Health.State);
    }

    [Fact]
    public async Task ScanAsync_ColouredPaletteQr_GivesTheToken()
    {
        _source.Use(QrImages.Write(_directory, "coloured.png", QrImages.ColouredPng(MemberQrCode.Format(Token))));

        var result = await _scanner.ScanAsync();

        Assert.Equal(Token, result.Token);
    }

    [Fact]
    public void Decode_ChineseTextWithUtf8Eci_ComesBackIntact()
    {
        var image = new CapturedFrame(QrImages.Utf8Png("会员卡 KM"), DateTimeOffset.UnixEpoch).ToGrayscale();

        Assert.Equal(["会员卡 KM"], new ZbarQrDecoder().Decode(image));
    }

    [Fact]
    public async Task ScanAsync_SomeOtherQr_IsRefusedAsNotAMemberCode()
    {
        _source.Use(QrImages.Write(_directory, "url.png", QrImages.Png("https://example.invalid/pay?x=1")));

        var result = await _scanner.ScanAsync();

        Assert.Equal((false, MemberQrParseResult.NotAMemberCode), (result.Found, result.Reason));
    }

    [Fact]
    public async Task ScanAsync_ImageWithoutQr_FailsWithNoQrFound()
    {
        _source.Use(QrImages.Write(_directory, "noise.png", TestPng.Gray8(120, 90, (x, y) => (byte)((x * 7919) ^ (y * 104729)))));

        var result = await _scanner.ScanAsync();

        Assert.Equal((false, CameraReasons.NoQrFound), (result.Found, result.Reason));
        Assert.NotNull(result.Frame);
    }

    [Fact]
    public async Task ScanAsync_FileThatIsNotAnImage_FailsAsUnreadable()
    {
        _source.Use(QrImages.Write(_directory, "broken.png", "not a png at all"u8.ToArray()));

        var result = await _scanner.ScanAsync();

        Assert.Equal((false, CameraReasons.UnreadableImage), (result.Found, result.Reason));
    }

    [Fact]
    public async Task ScanAsync_MissingFile_FailsAndReportsTheSourceFault()
    {
        _source.Use(Path.Combine(_directory, "gone.png"));

        var result = await _scanner.ScanAsync();

        Assert.Equal((false, CameraReasons.FileMissing), (result.Found, result.Reason));
        Assert.Equal(DeviceState.Fault, _source.Health.State);
    }
}
