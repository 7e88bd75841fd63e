using Microsoft.JSInterop;
using MudBlazor;

namespace TeleSurv.Portal.Web.Components.Shared;

/// <summary>
/// Gives the focus back to the button that opened a <see cref="MudDialog"/> once the dialog is closed, after MudBlazor
/// has taken the dialog away and put the focus back where the dialog found it (which may be a field of the dialog,
/// gone with it): the call to the browser is made after the render that follows the dialog's removal, so after
/// MudBlazor's own.
/// </summary>
/// <remarks>The component calls <see cref="CloseAsync"/> to close its dialog and <see cref="AfterRenderAsync"/> from its
/// <c>OnAfterRenderAsync</c> while the dialog is closed.</remarks>
internal sealed class DialogFocusReturn
{
    private Func<MudButton?>? _opener;

    /// <summary>Closes the dialog now (once this returns, it is gone) and keeps who gets the focus after the next render.</summary>
    /// <param name="dialog">The dialog, not yet rendered when null.</param>
    /// <param name="opener">Asked after the render: the button that opened the dialog, or null when it left the page.</param>
    public async Task CloseAsync(MudDialog? dialog, Func<MudButton?> opener)
    {
        ArgumentNullException.ThrowIfNull(opener);
        if (dialog is not null)
        {
            await dialog.CloseAsync();
        }

        _opener = opener;
    }

    /// <summary>Focuses the opener kept by the last <see cref="CloseAsync"/>, once.</summary>
    public async Task AfterRenderAsync()
    {
        if (_opener is not { } opener)
        {
            return;
        }

        _opener = null;
        if (opener() is not { } button)
        {
            return;
        }

        try
        {
            await button.FocusAsync();
        }
        catch (JSException)
        {
            // The button left the page between the render and the call: the focus stays where the browser put it.
        }
    }
}
