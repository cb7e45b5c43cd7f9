using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server;

namespace KioskAgent.Api;

/// <summary>
/// Makes each call's gRPC service as gRPC's own activator does (from DI if registered, else a new
/// instance per call, disposed after it), but with <see cref="ActivatorUtilities.CreateInstance(IServiceProvider, Type, object[])"/>
/// instead of <c>ActivatorUtilities.CreateFactory</c>: the factory compiles expression trees on the first
/// call (System.Linq.Expressions loaded and its code JIT'd, about 5 MB of resident memory an idle kiosk
/// keeps for nothing). One constructor lookup per call costs microseconds.
/// </summary>
public sealed class ReflectionGrpcServiceActivator<[DynamicallyAccessedMembers(ServiceMembers)] TGrpcService> : IGrpcServiceActivator<TGrpcService>
    where TGrpcService : class
{
    /// <summary>What gRPC's own activator asks the trimmer to keep of a service type.</summary>
    private const DynamicallyAccessedMemberTypes ServiceMembers = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    public GrpcActivatorHandle<TGrpcService> Create(IServiceProvider serviceProvider) =>
        serviceProvider.GetService<TGrpcService>() is { } registered
            ? new(registered, created: false, state: null)
            : new((TGrpcService)ActivatorUtilities.CreateInstance(serviceProvider, typeof(TGrpcService)), created: true, state: null);

    public async ValueTask ReleaseAsync(GrpcActivatorHandle<TGrpcService> service)
    {
        if (!service.Created)
        {
            return;
        }

        if (service.Instance is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (service.Instance is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
