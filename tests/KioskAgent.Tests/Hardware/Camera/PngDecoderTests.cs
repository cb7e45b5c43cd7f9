using KioskAgent.Hardware.Camera.Imaging;
using KioskAgent.Tests.Testing;
using QRCoder;

namespace KioskAgent.Tests.Hardware.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class PngDecoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void DecodeGrayscale_Gray8WithEachFilter_GivesThePixelsBack(byte filter)
    {
        static byte Pixel(int x, int y) => (byte)((x * 37) + (y * 91) + (x * y * 13));
        var png = TestPng.Gray8(7, 5, Pixel, filter);

        var image = PngDecoder.DecodeGrayscale(png);

        Assert.Equal((7, 5), (image.Width, image.Height));
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                Assert.Equal(Pixel(x, y), image[x, y]);
            }
        }
    }

    [Fact]
    public void DecodeGrayscale_Rgb8_UsesBt601Luma()
    {
        byte[] row = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        var png = TestPng.Encode(4, 1, colorType: 2, bitDepth: 8, [row], filter: 4);

        var image = PngDecoder.DecodeGrayscale(png);

        Assert.Equal([76, 149, 28, 255], image.Pixels);
    }

    [Fact]
    public void DecodeGrayscale_Rgba8_CompositesOverWhite()
    {
        byte[] row = [0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128];
        var png = TestPng.Encode(3, 1, colorType: 6, bitDepth: 8, [row], filter: 1);

        var image = PngDecoder.DecodeGrayscale(png);

        Assert.Equal([0, 255, 127], image.Pixels);
    }

    [Fact]
    public void DecodeGrayscale_GrayAlpha16_TakesHighBytes()
    {
        byte[] row = [0x80, 0x11, 0xFF, 0x22];
        var png = TestPng.Encode(1, 1, colorType: 4, bitDepth: 16, [row]);

        Assert.Equal([0x80], PngDecoder.DecodeGrayscale(png).Pixels);
    }

    [Fact]
    public void DecodeGrayscale_OneBitRowNotByteAligned_UnpacksMsbFirst()
    {
        byte[][] rows = [[0b1010_0000, 0b1100_0000], [0b0000_0000, 0b0100_0000]];
        var png = TestPng.Encode(10, 2, colorType: 0, bitDepth: 1, rows, filter: 2);

        var image = PngDecoder.DecodeGrayscale(png);

        Assert.Equal([255, 0, 255, 0, 0, 0, 0, 0, 255, 255], image.Pixels[..10]);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 255], image.Pixels[10..]);
    }

    [Fact]
    public void DecodeGrayscale_TwoBitPalette_LooksUpColours()
    {
        byte[] palette = [0, 0, 0, 255, 255, 255, 255, 0, 0];
        var png = TestPng.Encode(3, 1, colorType: 3, bitDepth: 2, [[0b00_01_10_00]], palette: palette);

        Assert.Equal([0, 255, 76], PngDecoder.DecodeGrayscale(png).Pixels);
    }

    [Fact]
    public void DecodeGrayscale_QrCoderPng_HasQuietZoneAndFinderPattern()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("KM1:abcdefghijklmnop", QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(4);

        var image = PngDecoder.DecodeGrayscale(png);

        Assert.Equal(255, image[0, 0]); // quiet zone: 4 modules of 4 pixels
        Assert.Equal(0, image[16, 16]); // top-left finder pattern's corner
    }

    [Fact]
    public void DecodeGrayscale_CorruptedByte_FailsOnTheCrc()
    {
        var png = TestPng.Gray8(4, 4, (x, y) => 1);
        png[^20] ^= 0xFF; // inside IDAT

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.DecodeGrayscale(png));

        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeGrayscale_Truncated_Fails()
    {
        var png = TestPng.Gray8(4, 4, (x, y) => 1);

        Assert.Throws<InvalidDataException>(() => PngDecoder.DecodeGrayscale(png.AsSpan(0, png.Length - 20)));
    }

    [Fact]
    public void DecodeGrayscale_Interlaced_IsRefusedWithTheReason()
    {
        var png = TestPng.Encode(1, 1, 0, 8, [[0]], interlace: 1);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.DecodeGrayscale(png));

        Assert.Contains("interlaced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeGrayscale_Jpeg_IsNotAPng() =>
        Assert.Throws<InvalidDataException>(() => PngDecoder.DecodeGrayscale([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0, 0]));

    [Fact]
    public void DecodeGrayscale_InvalidDepthForRgb_IsRefused() =>
        Assert.Throws<InvalidDataException>(() => PngDecoder.DecodeGrayscale(TestPng.Encode(1, 1, 2, 4, [[0, 0]])));
}
