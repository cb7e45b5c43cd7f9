using KioskAgent.Hardware.Card.Ntag424;
using Microsoft.Extensions.Options;

namespace KioskAgent.Identity;

public static class CardIdentityServiceCollectionExtensions
{
    public static IServiceCollection AddCardIdentity(this IServiceCollection services)
    {
        services.AddOptions<CardIdentityOptions>().BindConfiguration(CardIdentityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CardIdentityOptions>, CardIdentityOptionsValidator>();
        services.AddSingleton<IValidateOptions<CardIdentityOptions>, CardIdentityReaderCheck>();
        services.AddSingleton<SqliteSunCounterStore>();
        services.AddSingleton<ISunCounterStore>(sp => sp.GetRequiredService<SqliteSunCounterStore>());
        services.AddSingleton<CardIdentityResolver>();
        return services;
    }
}
