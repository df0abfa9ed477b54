<?php
/*
 * crmguard's phone duplicate check in SuiteCRM 7's own duplicate screen (issue 14).
 *
 * SuiteCRM's edit form saves Contacts, Leads and Accounts through modules/<M>/Save.php
 * (SugarController::callLegacyCode, include/MVC/Controller/SugarController.php 1049-1073 ->
 * view.classic.php 66-76, which prefers custom/modules/<M>/Save.php), whose FormBase::handleSave
 * asks checkForDuplicates() on a new record and, when it answers rows, sends the user to
 * ShowDuplicates with their ids (modules/Contacts/ContactFormBase.php 486-560; Leads and Accounts
 * alike).  The package's custom/modules/<M>/Save.php is SuiteCRM's own Save.php with a subclass of
 * the module's FormBase that extends checkForDuplicates() with this trait: SuiteCRM's answer
 * (names, e-mail, company name and city: include/SugarObjects/forms/PersonFormBase.php 199-249,
 * modules/Accounts/AccountFormBase.php 63-110) plus every record of the same module that holds
 * one of the typed numbers, normalized, through crmguard's phone index.  ShowDuplicates lists the
 * module's records by id (modules/Contacts/ShowDuplicates.php 88-115); holders of another module
 * (a lead's number typed on a contact, a company's) have their ids in the list too, which match
 * nothing there, and every holder is said with its call-card verdict in SuiteCRM's message box
 * (SugarApplication::appendErrorMessage) above the list.  The user may save anyway ("Save" posts
 * dup_checked), except a red number for a manager: the before_save hook (LogicHooks::
 * phoneBeforeSave) refuses it on every save, the form's, the web services' and the importer's.
 */
declare(strict_types=1);

require_once __DIR__ . '/SuiteGuard.php';

trait CrmGuardPhoneDuplicates
{
    /**
     * @param ?array $rows SuiteCRM's own duplicate rows (null: none)
     * @return ?array the rows with the phone holders of the module added; null when there are none
     */
    protected function crmguardPhoneDuplicates(?array $rows, string $prefix, string $module): ?array
    {
        global $current_user;
        $values = [];
        foreach (CrmGuardSuite::PHONE_FIELDS[$module] as $field) {
            $values[] = isset($_POST[$prefix . $field]) ? (string) $_POST[$prefix . $field] : null;
        }
        try {
            $guard = CrmGuardSuite::guard();
            $cards = $guard->phoneHolders($values, $module, null, (string) ($current_user->id ?? ''), CrmGuardSuite::lang());
        } catch (Throwable $e) {
            CrmGuardSuite::report($e->getMessage());
            return $rows;
        }
        if ($cards === []) {
            return $rows;
        }
        $rows = $rows ?? [];
        $ids = array_flip(array_column($rows, 'id'));
        foreach ($cards as $card) {
            foreach ($card['matches'] as $m) {
                SugarApplication::appendErrorMessage(CrmGuardSuite::html(\CrmGuard\Crm\Guard::holderLine($card, $m)));
                if (!isset($ids[$m['entity_id']])) {
                    $ids[$m['entity_id']] = true;
                    $rows[] = ['id' => $m['entity_id'], 'name' => $m['name']];
                }
            }
        }
        return $rows;
    }
}
