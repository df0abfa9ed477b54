<?php
 $dictionary['Calls']['fields']['crmguard_card_color_c']['inline_edit']=1;
