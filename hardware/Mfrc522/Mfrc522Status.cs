namespace KioskAgent.Hardware.Mfrc522;

/// <summary>Outcome of one exchange with a card through the MFRC522.</summary>
public enum Mfrc522Status
{
    Ok,
    /// <summary>The timer ran out before a card answered: no card, or the card ignored the frame.</summary>
    NoAnswer,
    /// <summary>Two or more cards answered differently in the same bit (ErrorReg CollErr).</summary>
    Collision,
    /// <summary>The CRC_A appended by the card does not match the data.</summary>
    CrcError,
    /// <summary>Parity or protocol error (ErrorReg ParityErr / ProtocolErr).</summary>
    ProtocolError,
    /// <summary>The FIFO overflowed, or the answer did not fit the caller's buffer.</summary>
    BufferOverflow,
    /// <summary>The card answered with a 4-bit MIFARE NAK.</summary>
    Nak,
    /// <summary>The answer had a wrong length or a wrong BCC.</summary>
    InvalidResponse,
    /// <summary>MFAuthent finished without Status2Reg MFCrypto1On: wrong key or wrong block.</summary>
    AuthenticationFailed,
    /// <summary>The chip itself never raised its completion interrupt: bus or chip fault.</summary>
    ChipTimeout,
}
