using KioskAgent.Hosting;

namespace KioskAgent.Members;

public static class MembersServiceCollectionExtensions
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<KioskSecret>();
        services.AddSingleton<MemberCache>();
        services.AddSingleton<MemberLookup>();
        services.AddSingleton<Import.MemberImporter>();
        services.AddSingleton<SiteCalendar>();
        services.AddHostedService<MemberCacheOpener>();
        return services;
    }
}
