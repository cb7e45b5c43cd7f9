namespace KioskAgent.Hardware.Gpio;

/// <summary>The kiosk's feedback outputs. A pattern step switches a set of them on, the rest off.</summary>
[Flags]
public enum SignalOutput
{
    None = 0,
    Buzzer = 1,
    GreenLed = 2,
    RedLed = 4,
    AmberLed = 8,

    /// <summary>Turnstile or door release.</summary>
    Relay = 16,
}
