namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>The byte stream holds a command the decoder does not know, or ends inside one.</summary>
public sealed class EscPosDecodeException : FormatException
{
    public EscPosDecodeException()
    {
    }

    public EscPosDecodeException(string message)
        : base(message)
    {
    }

    public EscPosDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
