<?php
// Stand-in for EspoCRM application/Espo/Core/Job/JobDataLess.php (9.2.7 34-42): run(): void.
namespace Espo\Core\Job;

interface JobDataLess
{
    public function run(): void;
}
