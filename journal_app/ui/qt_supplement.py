"""Qt's own texts that PySide6's ``qtbase_<lang>.qm`` lacks or words differently from the app.

The bundled Spanish qtbase catalogue holds Qt 5's texts, so newer ones reach a Spanish parent in
English: the file dialog's "&Look in:" and "Files of &type:", the "Folder" type, and the print
dialog's double-sided settings and page set. Each is marked here with the Qt context that asks
for it (the class name, plus ``|`` and Qt's disambiguation when Qt gives one), so the extraction
tool puts it in the catalogue with that gettext context; :class:`journal_app.i18n_qt.
GettextTranslator` answers a Qt class's ``translate(context, source)`` call from the catalogue
only for these entries and leaves every other Qt text to qtbase.

The list was made by logging every ``translate()`` call Qt made while the app's non-native file
dialog, the print dialog (with its options and properties) and the print preview were open in
Spanish, keeping the ones qtbase could not answer. ``File &name:`` is here although qtbase has
it, so the file dialog says "archivo" as the rest of the app does, not "fichero".

Nothing imports this module at run time: the marks only feed the catalogue.
"""

from __future__ import annotations

from journal_app.i18n import NP_, ContextMessage

#: Qt's texts the app's catalogue answers, by Qt context.
QT_SUPPLEMENT: tuple[ContextMessage, ...] = (
    # The file dialog (Qt's own widget, used where the desktop has no native one).
    NP_("QFileDialog", "&Look in:"),
    NP_("QFileDialog", "File &name:"),
    NP_("QFileDialog", "Files of &type:"),
    NP_("QAbstractFileIconProvider|All other platforms", "Folder"),
    NP_("QAbstractFileIconProvider", "Drive"),
    # The print dialog: Options >> (double-sided printing, page set, pages per sheet).
    NP_("QPrintSettingsOutput", "Double Sided Printing"),
    NP_("QPrintSettingsOutput", "Off"),
    NP_("QPrintSettingsOutput", "Long side binding"),
    NP_("QPrintSettingsOutput", "Short side binding"),
    NP_("QPrintSettingsOutput", "Pages"),
    NP_("QPrintSettingsOutput", "Page &Set:"),
    NP_(
        "QPrintSettingsOutput",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
        "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.",
    ),
    NP_("QPageSetupWidget", "Page &order:"),
    NP_("QPageSetupWidget", "Pages &per sheet:"),
    # The printer's Properties.
    NP_("QPrintPropertiesWidget", "Advanced"),
    NP_("QPrintPropertiesWidget", "There are conflicts in some options. Please fix them."),
    NP_("QCupsJobWidget", "&Billing information:"),
    NP_("QCupsJobWidget|Banner page at start", "&Start:"),
    NP_("QCupsJobWidget|Banner page at end", "&End:"),
    NP_("QCupsJobWidget", "Job &priority:"),
    NP_("QCupsJobWidget", "Scheduled &printing:"),
)
