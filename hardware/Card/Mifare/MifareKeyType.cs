namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>Which sector key to authenticate with; the values are the key-type bytes of PC/SC Part 3 GENERAL AUTHENTICATE.</summary>
public enum MifareKeyType : byte
{
    A = 0x60,
    B = 0x61,
}
