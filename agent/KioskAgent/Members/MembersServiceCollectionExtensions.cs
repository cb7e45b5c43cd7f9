namespace KioskAgent.Members;

public static class MembersServiceCollectionExtensions
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<MemberStore>();
        services.AddSingleton<MemberLookup>();
        services.AddSingleton<SiteCalendar>();
        return services;
    }
}
