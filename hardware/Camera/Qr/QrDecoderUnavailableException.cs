namespace KioskAgent.Hardware.Camera.Qr;

/// <summary>The QR decoding library is not installed (libzbar0 on Debian / Raspberry Pi OS).</summary>
public sealed class QrDecoderUnavailableException : Exception
{
    public QrDecoderUnavailableException()
        : base("libzbar.so.0 is not installed: apt-get install libzbar0.")
    {
    }

    public QrDecoderUnavailableException(string message)
        : base(message)
    {
    }

    public QrDecoderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
