namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>How a serial reader delimits one card.</summary>
public enum SerialFraming
{
    /// <summary>Token, then CR (0x0D); LF bytes are ignored, so CR LF works too.</summary>
    Cr,

    /// <summary>Token, then LF (0x0A); CR bytes are ignored.</summary>
    Lf,

    /// <summary>Token, then CR LF; the token ends at LF, the CR is dropped.</summary>
    CrLf,

    /// <summary>
    /// 125 kHz module framing (RDM6300 and alikes): STX 0x02, 10 hex characters (the 5 data bytes
    /// of the EM4100 id), 2 hex characters of checksum (XOR of the 5 bytes), ETX 0x03.
    /// </summary>
    StxEtx,
}
