using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Gpio;
using Microsoft.Extensions.Options;

namespace KioskAgent.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    public const string DisplaySection = "CustomerDisplay";

    public const string SignalsSection = "Signals";

    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<CustomerDisplayOptions>()
            .BindConfiguration(DisplaySection)
            .Validate(o => o.Columns is >= 8 and <= 40 && o.Rows is >= 1 and <= 4, "CustomerDisplay:Columns must be 8-40 and Rows 1-4.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CustomerDisplayOptions>>(sp =>
            new DeviceKindValidator<CustomerDisplayOptions, ICustomerDisplay>(sp.GetRequiredService<DeviceKinds>(), DisplaySection, "Kind", o => o.Kind));
        services.AddOptions<SignalsOptions>()
            .BindConfiguration(SignalsSection)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignalsOptions>>(sp =>
            new DeviceKindValidator<SignalsOptions, KioskSignals>(sp.GetRequiredService<DeviceKinds>(), SignalsSection, "Driver", o => o.Driver));
        services.AddSingleton<TapFeedback>();
        services.AddHostedService(sp => sp.GetRequiredService<TapFeedback>());
        services.AddSingleton<OutputSelfTests>();
        return services;
    }
}
