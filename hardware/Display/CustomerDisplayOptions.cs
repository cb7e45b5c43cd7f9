using KioskAgent.Hardware.Display.Simulated;

namespace KioskAgent.Hardware.Display;

/// <summary>A configured customer display (bound from configuration by the agent).</summary>
public sealed class CustomerDisplayOptions
{
    /// <summary>A registered display kind: "Simulated", "EpsonVfd", "Cd5220Vfd" or "Hd44780I2c" (any case).</summary>
    public string Kind { get; set; } = SimulatedDisplayKind.KindName;

    /// <summary>VFD: the serial port (prefer a /dev/serial/by-id path).</summary>
    public string PortName { get; set; } = "";

    public int BaudRate { get; set; } = 9600;

    /// <summary>VFD: the display's code page, "437" (PC437, most models) or "936" (GB2312, Chinese models).</summary>
    public string Encoding { get; set; } = "437";

    /// <summary>LCD: the I2C bus (1 on a Raspberry Pi header, /dev/i2c-1).</summary>
    public int I2cBus { get; set; } = 1;

    /// <summary>LCD: the backpack's address, 0x27 (PCF8574) or 0x3F (PCF8574A) unless re-strapped.</summary>
    public int I2cAddress { get; set; } = 0x27;

    public int Columns { get; set; } = 20;

    public int Rows { get; set; } = 2;
}
