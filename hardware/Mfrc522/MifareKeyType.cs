namespace KioskAgent.Hardware.Mfrc522;

/// <summary>MIFARE Classic authentication command codes (MF1S50yyX datasheet section 10, Table 9).</summary>
public enum MifareKeyType : byte
{
    KeyA = 0x60,
    KeyB = 0x61,
}
