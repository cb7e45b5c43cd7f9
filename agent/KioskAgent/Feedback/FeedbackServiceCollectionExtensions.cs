using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Gpio;

namespace KioskAgent.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<CustomerDisplayOptions>()
            .BindConfiguration("CustomerDisplay")
            .Validate(o => o.Kind is CustomerDisplayKind.Simulated or CustomerDisplayKind.Hd44780I2c || !string.IsNullOrWhiteSpace(o.PortName), "CustomerDisplay:PortName is required for a serial pole display.")
            .Validate(o => o.Columns is >= 8 and <= 40 && o.Rows is >= 1 and <= 4, "CustomerDisplay:Columns must be 8-40 and Rows 1-4.")
            .ValidateOnStart();
        services.AddOptions<SignalsOptions>()
            .BindConfiguration("Signals")
            .Validate(o => o.Driver is "Simulated" or "Gpiod", "Signals:Driver must be Simulated or Gpiod.")
            .ValidateOnStart();
        services.AddHostedService<TapFeedback>();
        return services;
    }
}
