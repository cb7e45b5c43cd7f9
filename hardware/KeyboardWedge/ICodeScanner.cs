namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A handheld 2D barcode/QR scanner that types each code followed by Enter (keyboard wedge or
/// USB-CDC serial). Unlike a card reader it delivers the scanned text itself (a voucher or member
/// QR payload), not a card UID.
/// </summary>
public interface ICodeScanner : IAsyncDisposable
{
    string ScannerId { get; }

    /// <summary>Lines refused (too long, control characters, incomplete) since start.</summary>
    long ReadFailureCount { get; }

    /// <summary>Scanned codes, refused lines and availability changes until cancelled; never throws.</summary>
    IAsyncEnumerable<ScanEvent> WatchAsync(CancellationToken cancellationToken);
}
