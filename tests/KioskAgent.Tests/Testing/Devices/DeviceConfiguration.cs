using KioskAgent.Devices;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Testing.Devices;

/// <summary>
/// The agent's device wiring (<c>AddDevices</c>, the built-in kinds, plus any extra kinds a test
/// registers) over an in-memory configuration, as "Section:Key" pairs.
/// </summary>
public static class DeviceConfiguration
{
    public static ServiceProvider Build(IEnumerable<(string Key, string Value)> settings, params IDeviceKind[] extraKinds) =>
        Build(settings, services =>
        {
            foreach (var kind in extraKinds)
            {
                services.AddDeviceKind(kind);
            }
        });

    /// <summary>The device wiring plus whatever <paramref name="add"/> registers (another feature, extra kinds).</summary>
    public static ServiceProvider Build(IEnumerable<(string Key, string Value)> settings, Action<IServiceCollection> add)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddDevices();
        add(services);
        return services.BuildServiceProvider();
    }

    /// <summary>What validation at start says about this configuration's devices.</summary>
    public static ValidateOptionsResult Validate(params (string Key, string Value)[] settings)
    {
        using var services = Build(settings);
        var options = new DeviceOptions();
        services.GetRequiredService<IConfiguration>().GetSection(DeviceOptions.Section).Bind(options);
        return services.GetRequiredService<IValidateOptions<DeviceOptions>>().Validate(null, options);
    }

    /// <summary>Settings for reader <paramref name="index"/>: ("Kind", "Pcsc") becomes ("Devices:CardReaders:0:Kind", "Pcsc").</summary>
    public static IEnumerable<(string Key, string Value)> Reader(int index, params (string Key, string Value)[] settings) =>
        settings.Select(s => ($"{DeviceOptions.CardReadersSection}:{index}:{s.Key}", s.Value));
}
