<?php
 $dictionary['Calls']['fields']['crmguard_card_owner_c']['inline_edit']=1;
