using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.Camera.Qr;

/// <summary>
/// The part of libzbar's C API (zbar.h, zbar 0.23) the decoder needs. <c>unsigned long</c>
/// parameters are <see cref="CULong"/>: 64-bit on Linux x64/arm64, 32-bit on 32-bit ARM.
/// </summary>
internal static partial class ZbarNative
{
    public const string Library = "libzbar.so.0";

    /// <summary>zbar_symbol_type_t ZBAR_QRCODE.</summary>
    public const int SymbolQrCode = 64;

    /// <summary>zbar_symbol_type_t ZBAR_NONE: "all symbologies" in set_config.</summary>
    public const int SymbolNone = 0;

    /// <summary>zbar_config_t ZBAR_CFG_ENABLE.</summary>
    public const int ConfigEnable = 0;

    /// <summary>The fourcc 'Y800': 8-bit grayscale, one byte per pixel.</summary>
    public static readonly CULong FormatY800 = new('Y' | ('8' << 8) | ('0' << 16) | ((uint)'0' << 24));

    [LibraryImport(Library, EntryPoint = "zbar_image_scanner_create")]
    public static partial nint ImageScannerCreate();

    [LibraryImport(Library, EntryPoint = "zbar_image_scanner_destroy")]
    public static partial void ImageScannerDestroy(nint scanner);

    [LibraryImport(Library, EntryPoint = "zbar_image_scanner_set_config")]
    public static partial int ImageScannerSetConfig(nint scanner, int symbology, int config, int value);

    [LibraryImport(Library, EntryPoint = "zbar_image_create")]
    public static partial nint ImageCreate();

    [LibraryImport(Library, EntryPoint = "zbar_image_destroy")]
    public static partial void ImageDestroy(nint image);

    [LibraryImport(Library, EntryPoint = "zbar_image_set_format")]
    public static partial void ImageSetFormat(nint image, CULong format);

    [LibraryImport(Library, EntryPoint = "zbar_image_set_size")]
    public static partial void ImageSetSize(nint image, uint width, uint height);

    /// <summary>No cleanup handler: the caller keeps the buffer pinned until the image is destroyed.</summary>
    [LibraryImport(Library, EntryPoint = "zbar_image_set_data")]
    public static partial void ImageSetData(nint image, nint data, CULong length, nint cleanupHandler);

    /// <summary>Returns the number of symbols found, 0 for none, -1 on error.</summary>
    [LibraryImport(Library, EntryPoint = "zbar_scan_image")]
    public static partial int ScanImage(nint scanner, nint image);

    [LibraryImport(Library, EntryPoint = "zbar_image_first_symbol")]
    public static partial nint ImageFirstSymbol(nint image);

    [LibraryImport(Library, EntryPoint = "zbar_symbol_next")]
    public static partial nint SymbolNext(nint symbol);

    [LibraryImport(Library, EntryPoint = "zbar_symbol_get_type")]
    public static partial int SymbolGetType(nint symbol);

    [LibraryImport(Library, EntryPoint = "zbar_symbol_get_data")]
    public static partial nint SymbolGetData(nint symbol);

    [LibraryImport(Library, EntryPoint = "zbar_symbol_get_data_length")]
    public static partial uint SymbolGetDataLength(nint symbol);
}
