using System.Diagnostics;
using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Qr;

namespace KioskAgent.Camera;

/// <summary>
/// The CPU part of scanning, synchronous on one thread: frame → grayscale → change check → QR
/// decode. An unchanged frame is not decoded: it shows what the last decoded one showed.
/// </summary>
public sealed class QrFrameReader(IQrDecoder decoder, FrameChangeDetector changes)
{
    private IReadOnlyList<string> _lastCodes = [];

    /// <exception cref="InvalidDataException">The frame is not a readable PNG.</exception>
    /// <exception cref="QrDecoderUnavailableException">The QR library is not installed.</exception>
    public QrFrameScan Read(CapturedFrame frame)
    {
        var started = Stopwatch.GetTimestamp();
        var image = frame.ToGrayscale();
        if (!changes.HasChanged(image))
        {
            return new QrFrameScan(_lastCodes, Decoded: false, Stopwatch.GetElapsedTime(started));
        }

        try
        {
            _lastCodes = decoder.Decode(image);
        }
        catch
        {
            // Decode it again next time rather than trusting a reference nothing was read from.
            changes.Reset();
            throw;
        }

        return new QrFrameScan(_lastCodes, Decoded: true, Stopwatch.GetElapsedTime(started));
    }
}
