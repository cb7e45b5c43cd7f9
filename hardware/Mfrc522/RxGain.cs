namespace KioskAgent.Hardware.Mfrc522;

/// <summary>Receiver gain, RFCfgReg bits 6..4 (datasheet section 9.3.3.6, Table 98). Values 0 and 1 repeat 2 and 3.</summary>
public enum RxGain : byte
{
    Db18 = 0b010,
    Db23 = 0b011,
    /// <summary>The reset value.</summary>
    Db33 = 0b100,
    Db38 = 0b101,
    Db43 = 0b110,
    Db48 = 0b111,
}
