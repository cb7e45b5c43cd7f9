using KioskAgent.Api.Technicians;
using KioskAgent.CentralLink;
using KioskAgent.Commands;
using KioskAgent.Devices;
using KioskAgent.Devices.Discovery;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.MemberSync;
using KioskAgent.MemberSync.Live;
using KioskAgent.Printing;
using KioskAgent.RemoteConfig;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Watchdog;

namespace KioskAgent.Provisioning;

/// <summary>
/// A candidate configuration judged whole, by the options validators the agent starts with
/// (the same ones <see cref="ConfigurationCheck"/> runs), for every section a technician provisions.
/// </summary>
public static class ProvisionedValidation
{
    private static readonly Func<IConfiguration, IServiceProvider, IEnumerable<string>>[] Checks =
    [
        Of<KioskOptions>(KioskOptions.Section),
        Of<KioskLanguageOptions>(KioskLanguageOptions.Section),
        Of<CentralLinkOptions>(CentralLinkOptions.Section),
        Of<LiveQueryOptions>(LiveQueryOptions.Section),
        Of<DeviceOptions>(DeviceOptions.Section),
        Of<DiscoveryOptions>(DiscoveryOptions.Section),
        Of<ScreenOptions>(ScreenOptions.Section),
        Of<CardIdentityOptions>(CardIdentityOptions.Section),
        Of<TapOptions>(TapOptions.Section),
        Of<ReceiptPrinterOptions>(ReceiptPrinterOptions.Section),
        // The printer's kind settings live beside Kind in the same section, so its check reads the candidate whole.
        (candidate, services) => services.GetService<PrinterDeviceOptionsValidator>()?.Problems(candidate) ?? [],
        Of<RedemptionPolicy>(RedemptionPolicy.Section),
        Of<CommandOptions>(CommandOptions.Section),
        Of<MemberSyncOptions>(MemberSyncOptions.Section),
        Of<WatchdogOptions>(WatchdogOptions.Section),
        Of<CustomerDisplayOptions>("CustomerDisplay"),
        Of<SignalsOptions>("Signals"),
        Of<TechnicianOptions>(TechnicianOptions.Section),
    ];

    /// <summary>Every problem of <paramref name="candidate"/>, each naming its key; empty when it may be applied.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration candidate, IServiceProvider services) =>
        [.. Checks.SelectMany(check => check(candidate, services)).Distinct(StringComparer.Ordinal)];

    private static Func<IConfiguration, IServiceProvider, IEnumerable<string>> Of<T>(string section)
        where T : class, new() =>
        (candidate, services) => RemoteSetting.ValidateOptions<T>(candidate.GetSection(section), services);
}
