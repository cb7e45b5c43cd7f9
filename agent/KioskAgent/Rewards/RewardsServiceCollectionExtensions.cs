using KioskAgent.CentralLink;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.Rewards;

public static class RewardsServiceCollectionExtensions
{
    public static IServiceCollection AddRewards(this IServiceCollection services)
    {
        services.AddOptions<RedemptionPolicy>()
            .BindConfiguration(RedemptionPolicy.Section)
            .Validate(o => Enum.IsDefined(o.OfflineMode), "Redemption:OfflineMode must be Refuse or AllowUpToDailyLimit.")
            .Validate(o => o.OfflineDailyPointsLimit >= 0, "Redemption:OfflineDailyPointsLimit must be >= 0.")
            .Validate(o => o.OfflineMode != OfflineRedemptionMode.AllowUpToDailyLimit || o.OfflineDailyPointsLimit > 0, "Redemption:OfflineDailyPointsLimit must be > 0 with OfflineMode AllowUpToDailyLimit.")
            .Validate(o => o.ClearAfterSeconds is >= 5 and <= 600, "Redemption:ClearAfterSeconds must be 5-600.")
            .Validate(o => o.VoucherValidDays is >= 1 and <= 3650, "Redemption:VoucherValidDays must be 1-3650.")
            .Validate(o => o.ConfirmedHoldDays is >= 1 and <= 365, "Redemption:ConfirmedHoldDays must be 1-365.")
            .Validate(o => o.StoreName.Length == 0 || ScreenText.Problem(o.StoreName, ScreenText.MaxGreetingCharacters) is null, "Redemption:StoreName must be empty or 1-80 characters of visible text (no control, bidi, zero-width or other format characters); the idle screen shows it.")
            .ValidateOnStart();
        services.AddSingleton<RedemptionHoldStore>();
        services.AddSingleton<RedemptionCounters>();
        services.AddSingleton<IHealthReportContributor, RedemptionHealthContributor>();
        services.AddSingleton<RedemptionSessions>();
        services.AddSingleton<VoucherPrinting>();
        services.AddSingleton<RedemptionService>();
        services.AddSingleton<IMemberViewContributor, RedemptionMemberViewContributor>();
        services.AddHostedService<RedemptionSettlementListener>();
        return services;
    }
}
