namespace KioskAgent.Activities;

public static class ActivitiesServiceCollectionExtensions
{
    /// <summary>The check-in rule engine; the staff screens and the cross-kiosk relay build on it.</summary>
    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddSingleton<CheckInRules>();
        return services;
    }
}
