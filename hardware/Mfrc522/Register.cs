namespace KioskAgent.Hardware.Mfrc522;

/// <summary>MFRC522 register addresses (datasheet rev 3.9, section 9.2, Table 20).</summary>
public enum Register : byte
{
    // Page 0: command and status (9.3.1).
    CommandReg = 0x01,
    ComIEnReg = 0x02,
    DivIEnReg = 0x03,
    ComIrqReg = 0x04,
    DivIrqReg = 0x05,
    ErrorReg = 0x06,
    Status1Reg = 0x07,
    Status2Reg = 0x08,
    FifoDataReg = 0x09,
    FifoLevelReg = 0x0A,
    WaterLevelReg = 0x0B,
    ControlReg = 0x0C,
    BitFramingReg = 0x0D,
    CollReg = 0x0E,

    // Page 1: communication (9.3.2).
    ModeReg = 0x11,
    TxModeReg = 0x12,
    RxModeReg = 0x13,
    TxControlReg = 0x14,
    TxAskReg = 0x15,
    TxSelReg = 0x16,
    RxSelReg = 0x17,
    RxThresholdReg = 0x18,
    DemodReg = 0x19,
    MfTxReg = 0x1C,
    MfRxReg = 0x1D,
    SerialSpeedReg = 0x1F,

    // Page 2: configuration (9.3.3).
    CrcResultRegHigh = 0x21,
    CrcResultRegLow = 0x22,
    ModWidthReg = 0x24,
    RfCfgReg = 0x26,
    GsNReg = 0x27,
    CwGsPReg = 0x28,
    ModGsPReg = 0x29,
    TModeReg = 0x2A,
    TPrescalerReg = 0x2B,
    TReloadRegHigh = 0x2C,
    TReloadRegLow = 0x2D,
    TCounterValRegHigh = 0x2E,
    TCounterValRegLow = 0x2F,

    // Page 3: test (9.3.4).
    VersionReg = 0x37,
}
