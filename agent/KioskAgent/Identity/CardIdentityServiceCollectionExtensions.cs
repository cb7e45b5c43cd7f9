namespace KioskAgent.Identity;

public static class CardIdentityServiceCollectionExtensions
{
    public static IServiceCollection AddCardIdentity(this IServiceCollection services)
    {
        services.AddOptions<CardIdentityOptions>()
            .BindConfiguration(CardIdentityOptions.Section)
            .Validate(o => o.Mode == CardIdentityMode.UidOnly, "CardIdentity:Mode: only UidOnly is available in this build.")
            .ValidateOnStart();
        services.AddSingleton<CardIdentityResolver>();
        return services;
    }
}
