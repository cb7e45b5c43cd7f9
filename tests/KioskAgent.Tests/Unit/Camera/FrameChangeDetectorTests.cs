using KioskAgent.Camera;
using KioskAgent.Hardware.Camera.Imaging;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class FrameChangeDetectorTests
{
    private readonly FrameChangeDetector _detector = new(() => 2.0);

    private static GrayscaleImage Image(int width, int height, Func<int, int, byte> pixel)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = pixel(x, y);
            }
        }

        return new GrayscaleImage(width, height, pixels);
    }

    private static GrayscaleImage Wall(int seed) => Image(640, 480, (x, y) => (byte)(180 + ((x * 7 + y * 13 + seed) % 5)));

    [Fact]
    public void TheFirstFrame_IsAlwaysDecoded() => Assert.True(_detector.HasChanged(Wall(0)));

    [Fact]
    public void AFrameWithOnlySensorNoise_IsNotDecodedAgain()
    {
        _detector.HasChanged(Wall(0));

        Assert.False(_detector.HasChanged(Wall(3)));
    }

    [Fact]
    public void APhoneHeldUpInAQuarterOfTheFrame_IsDecoded()
    {
        _detector.HasChanged(Wall(0));

        var phone = Image(640, 480, (x, y) => x is > 200 and < 440 && y is > 120 and < 360 ? ((x / 8 + y / 8) % 2 == 0 ? (byte)20 : (byte)240) : (byte)182);

        Assert.True(_detector.HasChanged(phone));
    }

    [Fact]
    public void AfterReset_TheSameFrameIsDecodedAgain()
    {
        _detector.HasChanged(Wall(0));
        _detector.Reset();

        Assert.True(_detector.HasChanged(Wall(0)));
    }

    [Fact]
    public void ThresholdZero_DecodesEveryFrame()
    {
        var always = new FrameChangeDetector(() => 0);
        always.HasChanged(Wall(0));

        Assert.True(always.HasChanged(Wall(0)));
    }
}
