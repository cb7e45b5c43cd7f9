namespace KioskAgent.Hardware.Mfrc522;

/// <summary>Commands written to CommandReg bits 3..0 (datasheet section 10.3, Table 149).</summary>
public enum Command : byte
{
    Idle = 0x00,
    Memory = 0x01,
    GenerateRandomId = 0x02,
    CalculateCrc = 0x03,
    Transmit = 0x04,
    NoCommandChange = 0x07,
    Receive = 0x08,
    Transceive = 0x0C,
    MifareAuthenticate = 0x0E,
    SoftReset = 0x0F,
}
