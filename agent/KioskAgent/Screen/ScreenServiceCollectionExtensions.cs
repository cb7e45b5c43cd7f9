namespace KioskAgent.Screen;

public static class ScreenServiceCollectionExtensions
{
    public static IServiceCollection AddScreen(this IServiceCollection services)
    {
        services.AddOptions<ScreenOptions>()
            .BindConfiguration(ScreenOptions.Section)
            .Validate(o => o.ClearAfterSeconds is > 0 and <= 600, "Screen:ClearAfterSeconds must be 1-600.")
            .Validate(o => o.RefusalClearAfterSeconds is > 0 and <= 600, "Screen:RefusalClearAfterSeconds must be 1-600.")
            .Validate(o => o.HeartbeatTimeoutSeconds is >= 3 and <= 600, "Screen:HeartbeatTimeoutSeconds must be 3-600.")
            .Validate(o => o.DimAfterSeconds is 0 or (>= 3 and <= 86_400), "Screen:DimAfterSeconds must be 0 (never) or 3-86400.")
            .Validate(o => ScreenText.Problem(o.IdleGreeting ?? "", ScreenText.MaxGreetingCharacters) is null, "Screen:IdleGreeting must be 1-80 characters of visible text (no control, bidi, zero-width or other format characters).")
            .ValidateOnStart();
        services.AddOptions<KioskLanguageOptions>()
            .BindConfiguration(KioskLanguageOptions.Section)
            .Validate(o => KioskLanguageOptions.Allowed.Contains(o.Language, StringComparer.Ordinal), "Kiosk:Language must be zh-CN, en or bilingual.")
            .ValidateOnStart();
        services.AddSingleton<ScreenBroadcaster>();
        services.AddSingleton<ScreenHeartbeat>();
        services.AddSingleton<ScreenLinkStatus>();
        services.AddHostedService(sp => sp.GetRequiredService<ScreenLinkStatus>());
        return services;
    }
}
