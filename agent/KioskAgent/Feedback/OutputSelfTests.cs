using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Simulated;
using KioskAgent.Hardware.Gpio.Patterns;

namespace KioskAgent.Feedback;

/// <summary>
/// Technician self-tests of the outputs <see cref="TapFeedback"/> drives: the customer display shows
/// a text (read back when the display can be read, as the simulator can), the signals play the accept
/// pattern (beep and LED) to its end. Passed when the output is healthy afterwards. A later tap
/// simply overwrites the test text.
/// </summary>
public sealed class OutputSelfTests(TapFeedback feedback)
{
    public const string DefaultText = "SELF TEST 自检";

    /// <summary>The result for <paramref name="deviceId"/>, or null when it is not one of these outputs.</summary>
    public async Task<(bool Passed, string Kind, string Detail)?> RunAsync(string deviceId, string text, CancellationToken cancellationToken)
    {
        if (deviceId == TapFeedback.DisplayId && feedback.Display is { } display)
        {
            return await DisplayAsync(display, text, cancellationToken).ConfigureAwait(false);
        }

        if (deviceId == TapFeedback.SignalsId && feedback.Signals is { } signals)
        {
            var pattern = SignalPatterns.Accept(signals.RelayPulse);
            await signals.PlayAsync(pattern, cancellationToken).ConfigureAwait(false);
            return (signals.Health.State == DeviceState.Ok, "signals", $"played '{pattern.Name}' ({pattern.Duration.TotalMilliseconds:0} ms) on {signals.Fitted}; {Describe(signals.Health)}");
        }

        return null;
    }

    private static async Task<(bool, string, string)> DisplayAsync(ICustomerDisplay display, string text, CancellationToken cancellationToken)
    {
        var clean = new string([.. (text.Length == 0 ? DefaultText : text).Where(c => !char.IsControl(c))]);
        var lines = new DisplayLines(clean.Length <= display.Columns ? clean : clean[..display.Columns], "self-test");
        await display.ShowAsync(lines, cancellationToken).ConfigureAwait(false);
        if (display is SimulatedCustomerDisplay simulated)
        {
            // The display pads each line to its width.
            var (upper, lower) = (simulated.Current.Upper.TrimEnd(), simulated.Current.Lower.TrimEnd());
            return (upper == lines.Upper.TrimEnd() && lower == lines.Lower, "display", $"showed \"{upper}\" / \"{lower}\" (read back from the simulated display)");
        }

        return (display.Health.State == DeviceState.Ok, "display", $"sent \"{lines.Upper}\" / \"{lines.Lower}\"; {Describe(display.Health)}");
    }

    private static string Describe(DeviceHealth health) =>
        health.Reason.Length == 0 ? health.State.ToString().ToLowerInvariant() : $"{health.State.ToString().ToLowerInvariant()}: {health.Reason}";
}
