using KioskAgent.Devices;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

/// <summary>
/// Checks the identity policy against what the configured readers can do, at start: a site in
/// Secure mode whose reader cannot speak ISO 14443-4 would otherwise refuse every genuine card as
/// "not verified". Each reader that falls short is named with what it lacks.
/// </summary>
public sealed class CardIdentityReaderCheck(IOptions<DeviceOptions> devices, DeviceKinds kinds) : IValidateOptions<CardIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, CardIdentityOptions options)
    {
        var required = Required(options.Mode);
        var readers = Readers();
        if (required is null || readers is null)
        {
            return ValidateOptionsResult.Success;
        }

        var (needed, what) = required.Value;

        var problems = readers
            .Where(r => kinds.Find<ICardReader>(r.Kind) is { } kind && !kind.Capabilities.HasFlag(needed))
            .Select(r => $"CardIdentity:Mode={options.Mode} needs {what}; card reader '{r.Id}' (Kind={r.Kind}) cannot do it, it can do: {kinds.Find<ICardReader>(r.Kind)!.Capabilities}.")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The capability a mode needs from every reader, and how to say it.</summary>
    public static (DeviceCapabilities Capability, string Description)? Required(CardIdentityMode mode) => mode switch
    {
        CardIdentityMode.Sector => (DeviceCapabilities.MifareSectorAuth, "MIFARE Classic sector authentication (MifareSectorAuth)"),
        CardIdentityMode.Secure => (DeviceCapabilities.Iso14443Part4, "ISO/IEC 14443-4 exchanges for NTAG 424 DNA secure messages (Iso14443Part4)"),
        _ => null,
    };

    private List<CardReaderOptions>? Readers()
    {
        try
        {
            return devices.Value.CardReaders;
        }
        catch (OptionsValidationException)
        {
            // The device section is reported on its own; a broken reader list says nothing about capabilities.
            return null;
        }
    }
}
