namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// What came back from a Transceive: the status, how many bytes the FIFO held, how many bits of the
/// last byte are valid (ControlReg RxLastBits, 0 = all eight) and, for a collision, the 1-based bit
/// position CollReg reported (0 when it was not valid).
/// </summary>
public readonly record struct TransceiveResult(Mfrc522Status Status, int Length, int ValidBitsInLastByte, int CollisionPosition)
{
    public static TransceiveResult Failed(Mfrc522Status status) => new(status, 0, 0, 0);
}
