namespace KioskAgent.Hardware.Gpio;

/// <summary>The kiosk's GPIO signals (bound from configuration by the agent).</summary>
public sealed class SignalsOptions
{
    /// <summary>"Simulated", or "Gpiod" (the GPIO character device through libgpiod).</summary>
    public string Driver { get; set; } = "Simulated";

    /// <summary>Chip selection by label, e.g. "pinctrl-rp1" (Pi 5), "pinctrl-bcm2711" (Pi 4). Empty: the Raspberry Pi header chip.</summary>
    public string ChipLabel { get; set; } = "";

    /// <summary>Chip selection by number of lines (54 on a Pi 5 header chip, 58 on a Pi 4); 0 = any.</summary>
    public int ChipLines { get; set; }

    public SignalPinOptions Buzzer { get; set; } = new();

    public SignalPinOptions GreenLed { get; set; } = new();

    public SignalPinOptions RedLed { get; set; } = new();

    public SignalPinOptions AmberLed { get; set; } = new();

    public SignalPinOptions Relay { get; set; } = new();

    /// <summary>How long the relay is energised on accept; zero: the relay is not pulsed.</summary>
    public TimeSpan RelayPulse { get; set; } = TimeSpan.Zero;

    public IEnumerable<(SignalOutput Output, SignalPinOptions Pin)> FittedOutputs()
    {
        (SignalOutput, SignalPinOptions)[] all =
        [
            (SignalOutput.Buzzer, Buzzer), (SignalOutput.GreenLed, GreenLed), (SignalOutput.RedLed, RedLed),
            (SignalOutput.AmberLed, AmberLed), (SignalOutput.Relay, Relay),
        ];
        return all.Where(o => o.Item2.IsFitted);
    }
}
