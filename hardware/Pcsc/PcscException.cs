using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>A PC/SC call failed; <see cref="ErrorCode"/> is the SCARD_* status, e.g. 0x8010001D (SCARD_E_NO_SERVICE).</summary>
public sealed class PcscException : Exception
{
    public PcscException()
    {
    }

    public PcscException(string message)
        : base(message)
    {
    }

    public PcscException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcscException(string operation, uint errorCode)
        : base($"{operation} failed: {ScardError.Describe(errorCode)}")
    {
        ErrorCode = errorCode;
        ErrorName = ScardError.Name(errorCode);
    }

    public uint ErrorCode { get; }

    /// <summary>The symbolic name, e.g. "SCARD_W_REMOVED_CARD", or the hex code when unknown.</summary>
    public string ErrorName { get; } = string.Empty;
}
