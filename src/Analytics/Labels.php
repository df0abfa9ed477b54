<?php
declare(strict_types=1);

namespace CrmGuard\Analytics;

/** The report's words in Russian and English (`--lang ru|en`). */
final class Labels
{
    private const TEXT = [
        'title' => ['Sales report', 'Отчёт по продажам'],
        'period' => ['Period', 'Период'],
        'generated' => ['as of', 'на момент'],
        'all_managers' => ['All managers', 'Все менеджеры'],
        'manager' => ['Manager', 'Менеджер'],
        'deals' => ['Deals', 'Сделки'],
        'other_stages' => ['Other', 'Другие'],
        'success_ratio' => ['Success %', 'Успех %'],
        'poor_quality' => ['Poor contact', 'Некач. контакт'],
        'without_task' => ['No open task', 'Без задачи'],
        'stale' => ['Stale', 'Зависшие'],
        'inbound' => ['Inbound', 'Входящие'],
        'late' => ['Late', 'С опозданием'],
        'coefficient' => ['Speed coef.', 'Коэф. быстроты'],
        'alarm' => ['Alarm', 'Тревога'],
        'total' => ['Total', 'Итого'],
        'sources' => ['Conversion by lead source', 'Конверсия по источникам'],
        'source' => ['Source', 'Источник'],
        'leads' => ['Leads', 'Обращения'],
        'won' => ['Won', 'Продажи'],
        'conversion' => ['Conversion', 'Конверсия'],
        'band_below' => ['below normal', 'ниже нормы'],
        'band_normal' => ['normal', 'норма'],
        'band_above' => ['above normal', 'выше нормы'],
        'lost_reasons' => ['Lost reasons', 'Причины неудач'],
        'reason' => ['Reason', 'Причина'],
        'share' => ['Share', 'Доля'],
        'no_source' => ['(no source)', '(без источника)'],
        'no_reason' => ['(no reason)', '(без причины)'],
        'unassigned' => ['(unassigned)', '(не назначен)'],
        'chart_stages' => ['Deals by stage, per manager', 'Сделки по этапам, по менеджерам'],
        'chart_speed' => ['Response-speed coefficient (alarm above %s)', 'Коэффициент быстроты ответов (тревога выше %s)'],
        'chart_sources' => ['Conversion by source (normal band %s)', 'Конверсия по источникам (норма %s)'],
        'chart_trend' => ['Trend by %s', 'Динамика по %s'],
        'unit_day' => ['day', 'дням'],
        'unit_week' => ['week', 'неделям'],
        'trend_created' => ['Deals created', 'Новые сделки'],
        'trend_successes' => ['Successes', 'Успехи'],
        'trend_failures' => ['Failures', 'Неудачи'],
        'trend_late' => ['Late inbound', 'Просроченные входящие'],
        'alarm_response_speed' => ['slow answers', 'медленные ответы'],
        'alarm_deals_without_task' => ['deals without a task', 'сделки без задач'],
        'alarm_stale_deals' => ['stale deals', 'зависшие сделки'],
        'settings' => ['SLA %d min, stale after %d days', 'SLA %d мин, зависшие: дольше %d дн.'],
        'no_data' => ['No data for this period.', 'Нет данных за период.'],
        // the dashlets (CrmGuard\Analytics\Dashlet) and the scheduled report's mail
        'dashlet_title' => ['Sales control', 'Контроль продаж'],
        'dashlet_manager' => ['Manager', 'Менеджер'],
        'dashlet_deals' => ['Deals', 'Сделки'],
        'dashlet_open_deals_without_open_task' => ['Open, no task', 'Открытые без задачи'],
        'dashlet_successes' => ['Successes', 'Успехи'],
        'dashlet_failures' => ['Failures', 'Неудачи'],
        'dashlet_success_ratio' => ['Success %', 'Успех %'],
        'dashlet_poor_quality_failures' => ['Poor contact', 'Некач. контакт'],
        'dashlet_stale_deals' => ['Stale', 'Зависшие'],
        'dashlet_response_speed_coefficient' => ['Speed coef.', 'Коэф. быстроты'],
        'dashlet_alarm' => ['Alarm', 'Тревога'],
        'dashlet_sources' => ['Conversion by lead source', 'Конверсия по источникам'],
        'dashlet_lost_reasons' => ['Lost reasons', 'Причины неудач'],
        'dashlet_conversion' => ['Conversion', 'Конверсия'],
        'dashlet_band' => ['Normal band', 'Норма'],
        'dashlet_leads' => ['Leads', 'Обращения'],
        'dashlet_won' => ['Won', 'Продажи'],
        'dashlet_share' => ['Share', 'Доля'],
        'dashlet_since' => ['From', 'С'],
        'dashlet_until' => ['To', 'По'],
        'dashlet_show' => ['Show', 'Показать'],
        'dashlet_runs' => ['Scheduled report runs', 'Запуски отчёта по расписанию'],
        'dashlet_run_at' => ['When', 'Когда'],
        'dashlet_status' => ['Status', 'Статус'],
        'dashlet_recipients' => ['Sent to', 'Кому'],
        'dashlet_error' => ['Error', 'Ошибка'],
        'dashlet_nothing' => ['No deals in this period.', 'Нет сделок за период.'],
        'dashlet_totals' => ['Total', 'Итого'],
        'dashlet_not_exact' => ['the list holds these records among others', 'в списке эти записи среди других'],
        'mail_subject' => ['Sales report %s — %s', 'Отчёт по продажам %s — %s'],
        'mail_body' => ['The sales report for %s — %s is attached. QC review tasks: %d new.',
                        'Отчёт по продажам за %s — %s во вложении. Задачи проверки качества: %d новых.'],
    ];

    public function __construct(public readonly string $lang = 'en')
    {
        if ($lang !== 'en' && $lang !== 'ru') {
            throw new \InvalidArgumentException("--lang must be ru or en, '$lang' given");
        }
    }

    public function get(string $key, string|int|float ...$args): string
    {
        $pair = self::TEXT[$key] ?? null;
        if ($pair === null) {
            return $key;
        }
        $text = $pair[$this->lang === 'ru' ? 1 : 0];
        return $args === [] ? $text : vsprintf($text, $args);
    }

    /* stages and failure reasons in the rules' own words (ext/core/messages.c) */
    public function stage(string $stage): string
    {
        return \CrmGuard\Rules::label($stage, $this->lang) ?? $stage;
    }

    public function reason(string $reason): string
    {
        if ($reason === '') {
            return $this->get('no_reason');
        }
        return \CrmGuard\Rules::label($reason, $this->lang) ?? $reason;
    }

    public function source(?string $source): string
    {
        return $source === null || $source === '' ? $this->get('no_source') : $source;
    }

    public function manager(array $m): string
    {
        return $m['name'] ?? ($m['user_id'] ?? $this->get('unassigned')) ?? $this->get('unassigned');
    }

    /** 0.1234 -> "12.3 %"; null -> "—" */
    public static function percent(?float $v, bool $fraction = true): string
    {
        if ($v === null) {
            return '—';
        }
        return number_format($fraction ? 100 * $v : $v, 1, '.', '') . ' %';
    }

    public static function coefficient(?float $v): string
    {
        return $v === null ? '—' : number_format($v, 2, '.', '');
    }
}
