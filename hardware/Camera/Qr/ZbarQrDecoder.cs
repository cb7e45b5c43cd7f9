using System.Runtime.InteropServices;
using System.Text;
using KioskAgent.Hardware.Camera.Imaging;

namespace KioskAgent.Hardware.Camera.Qr;

/// <summary>
/// QR decoding with libzbar through P/Invoke: a Y800 (8-bit gray) image over the pinned pixel buffer,
/// an image scanner with only QR enabled, then the symbols' data (UTF-8, as zbar converts QR text).
/// One scanner per call, so the decoder is thread-safe.
/// </summary>
public sealed class ZbarQrDecoder : IQrDecoder
{
    /// <summary>Whether libzbar.so.0 can be loaded on this machine.</summary>
    public static bool IsAvailable()
    {
        if (!NativeLibrary.TryLoad(ZbarNative.Library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    public IReadOnlyList<string> Decode(GrayscaleImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        try
        {
            return Scan(image);
        }
        catch (DllNotFoundException ex)
        {
            throw new QrDecoderUnavailableException($"{ZbarNative.Library} is not installed: apt-get install libzbar0.", ex);
        }
    }

    private static unsafe List<string> Scan(GrayscaleImage image)
    {
        fixed (byte* pixels = image.Pixels)
        {
            var scanner = ZbarNative.ImageScannerCreate();
            var zimage = ZbarNative.ImageCreate();
            try
            {
                ZbarNative.ImageScannerSetConfig(scanner, ZbarNative.SymbolNone, ZbarNative.ConfigEnable, 0);
                ZbarNative.ImageScannerSetConfig(scanner, ZbarNative.SymbolQrCode, ZbarNative.ConfigEnable, 1);
                ZbarNative.ImageSetFormat(zimage, ZbarNative.FormatY800);
                ZbarNative.ImageSetSize(zimage, (uint)image.Width, (uint)image.Height);
                ZbarNative.ImageSetData(zimage, (nint)pixels, new CULong((nuint)image.Pixels.Length), 0);
                return ZbarNative.ScanImage(scanner, zimage) > 0 ? Symbols(zimage) : [];
            }
            finally
            {
                // Destroyed while the pixels are still pinned: zbar holds a pointer to them until then.
                ZbarNative.ImageDestroy(zimage);
                ZbarNative.ImageScannerDestroy(scanner);
            }
        }
    }

    private static unsafe List<string> Symbols(nint zimage)
    {
        var results = new List<string>();
        for (var symbol = ZbarNative.ImageFirstSymbol(zimage); symbol != 0; symbol = ZbarNative.SymbolNext(symbol))
        {
            if (ZbarNative.SymbolGetType(symbol) != ZbarNative.SymbolQrCode)
            {
                continue;
            }

            var length = (int)ZbarNative.SymbolGetDataLength(symbol);
            var data = new ReadOnlySpan<byte>((void*)ZbarNative.SymbolGetData(symbol), length);
            results.Add(Encoding.UTF8.GetString(data));
        }

        return results;
    }
}
