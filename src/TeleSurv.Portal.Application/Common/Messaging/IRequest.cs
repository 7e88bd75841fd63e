namespace TeleSurv.Portal.Application.Common.Messaging;

/// <summary>A use case's input; <typeparamref name="TResponse"/> is what its handler returns.</summary>
/// <remarks>
/// The type parameter ties a request to its response so that <see cref="ISender.Send{TResponse}"/> infers it at
/// the call site. Every concrete request also carries an access rule (<see cref="Security.RequireRoleAttribute"/>
/// or <see cref="Security.AllowAnonymousRequestAttribute"/>); a request without one is refused.
/// </remarks>
public interface IRequest<out TResponse>;
