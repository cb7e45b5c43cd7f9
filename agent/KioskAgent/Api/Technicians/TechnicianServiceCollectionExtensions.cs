using Microsoft.Extensions.Options;

namespace KioskAgent.Api.Technicians;

public static class TechnicianServiceCollectionExtensions
{
    public static IServiceCollection AddTechnicianAuth(this IServiceCollection services)
    {
        services.AddOptions<TechnicianOptions>().BindConfiguration(TechnicianOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TechnicianOptions>, TechnicianOptionsValidator>();
        services.AddSingleton<TechnicianAuthenticator>();
        return services;
    }
}
